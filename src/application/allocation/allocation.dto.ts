import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../baskets/basket.dto';

const PROGRAM_ID = '3b6f1f4e-2b8e-4c1a-9a55-7d4a1c2e8f10';
const PHASE_ID = '7e2a9b5d-4c1a-4b8e-9f21-0d6f3c1e7a54';
const RUN_ID = 'c5a1e0d2-9b3f-4e7a-8c6d-2f1b0a9e8d7c';

export class ProgramParams {
  @ApiProperty({ example: PROGRAM_ID })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  programId!: string;
}

export class RoundParams extends ProgramParams {
  @ApiProperty({ example: PHASE_ID, description: 'the booking phase' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  roundId!: string;
}

export class RunParams {
  @ApiProperty({ example: RUN_ID })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  runId!: string;
}

/** RunAllocation: the round is the booking phase that closed. */
export class RunAllocationDto {
  @ApiProperty({ example: PHASE_ID, description: 'the booking phase that closed (its seed commitment is published)' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  roundId!: string;
}

export class DiscardAllocationDto {
  @ApiProperty({ example: 'Les capacités des ateliers de judo étaient mal saisies.' })
  @IsString()
  @Matches(/\S/, { message: 'reason must say why the proposal is discarded' })
  @MaxLength(500)
  reason!: string;
}

export const MAX_CHILDREN_PAGE = 500;

export class ChildrenPageDto {
  @ApiPropertyOptional({ example: 100, description: `children per page, 1 to ${MAX_CHILDREN_PAGE} (default 100)` })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_CHILDREN_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'the `next` of the previous page (a child id)' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: '$property must be the `next` of a previous page' })
  after?: string;
}
