import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength, ValidateBy, ValidationOptions } from 'class-validator';
import { isEmailAddress } from '../../domain/account/email';
import { FamilyDetailsDto, IsSchoolYear } from '../families/family.dto';

/** the domain's notion of an e-mail address, checked before anything is written */
export const IsEmailAddress = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isEmailAddress',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isEmailAddress(value),
        defaultMessage: () => '$property must be an e-mail address, e.g. camille.martin@example.org',
      },
    },
    options,
  );

export class RegisterDto extends FamilyDetailsDto {
  @ApiProperty({ example: 'camille.martin@example.org' })
  @IsString()
  @MaxLength(254)
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ example: 'un mot de passe assez long', minLength: 10 })
  @IsString()
  @MinLength(10, { message: '$property must be at least 10 characters long' })
  @MaxLength(200)
  password!: string;

  @ApiProperty({ example: '2025-2026', description: 'the school year the family registers for' })
  @IsSchoolYear()
  schoolYear!: string;
}

export class SignInDto {
  @ApiProperty({ example: 'camille.martin@example.org' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'un mot de passe assez long' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class TokenDto {
  @ApiProperty({ description: 'send it as "Authorization: Bearer <accessToken>"' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ example: 7200, description: 'seconds' })
  expiresIn!: number;

  @ApiProperty({ enum: ['parent', 'staff'], example: 'parent' })
  role!: string;

  @ApiPropertyOptional({ example: '6f1d2c3b-4a5e-4f60-8b7a-1c2d3e4f5a6b', description: 'parents only' })
  familyId?: string;
}

export class RegisteredDto extends OmitType(TokenDto, ['familyId'] as const) {
  @ApiProperty({ example: '6f1d2c3b-4a5e-4f60-8b7a-1c2d3e4f5a6b' })
  familyId!: string;
}
