import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CANCELLATION_REASON_CODES, type CancellationReasonCode } from '../../domain/order/order.events';
import type { ReservationStatus } from '../../domain/order/reservation';
import { ID_MESSAGE, ID_PATTERN } from '../baskets/basket.dto';

export class BillingAddressDto {
  @ApiProperty({ example: '12 rue Victor Hugo' })
  @IsString()
  @MaxLength(200)
  line1!: string;

  @ApiPropertyOptional({ example: 'Bâtiment B' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @ApiProperty({ example: '92300' })
  @IsString()
  @MaxLength(20)
  postalCode!: string;

  @ApiProperty({ example: 'Levallois-Perret' })
  @IsString()
  @MaxLength(100)
  city!: string;
}

export class BillingDto {
  @ApiProperty({ example: 'Camille Martin' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: BillingAddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BillingAddressDto)
  address!: BillingAddressDto;
}

/** « VALIDER LA COMMANDE » (procedure, step 4): the basket as it is, with the billing details. */
export class PlaceOrderDto {
  @ApiProperty({ type: BillingDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BillingDto)
  billing!: BillingDto;
}

export class OrderParams {
  @ApiProperty({ example: '9d3c8f1e-0b6a-5c2d-8e4f-1a2b3c4d5e6f' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  orderId!: string;
}

/** `${orderId}:${activityId}` */
export class ReservationParams {
  @ApiProperty({ example: '9d3c8f1e-0b6a-5c2d-8e4f-1a2b3c4d5e6f:6c1d7c55-3f0e-4a8b-9b77-2f2f6f0e9b42' })
  @Matches(/^[A-Za-z0-9_-]{1,100}:[A-Za-z0-9_-]{1,100}$/, {
    message: '$property must be a reservation id: <orderId>:<activityId>',
  })
  reservationId!: string;
}

/** Staff correct an erroneous reservation before allocation (procedure, step 5). */
export class CancelReservationDto {
  @ApiProperty({ enum: CANCELLATION_REASON_CODES, example: 'WRONG_CLASS' })
  @IsIn(CANCELLATION_REASON_CODES)
  reason!: CancellationReasonCode;

  @ApiPropertyOptional({ example: 'Léa sera en CE1, pas en CP : merci de réserver dans le bon niveau.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export const RESERVATION_STATUSES: readonly ReservationStatus[] = ['PENDING', 'RESERVED', 'CANCELLED'];
export const MAX_PAGE = 1000;

export class ListReservationsDto {
  @ApiProperty({ example: '3b6f1f4e-2b8e-4c1a-9a55-7d4a1c2e8f10' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  programId!: string;

  @ApiPropertyOptional({ enum: RESERVATION_STATUSES, example: 'PENDING' })
  @IsOptional()
  @IsIn(RESERVATION_STATUSES)
  status?: ReservationStatus;

  @ApiPropertyOptional({ example: '6c1d7c55-3f0e-4a8b-9b77-2f2f6f0e9b42' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  activityId?: string;

  @ApiPropertyOptional({ example: 200, description: `page size, 1 to ${MAX_PAGE} (default 200)` })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'the `next` cursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,600}$/, { message: '$property must be the `next` cursor of a previous page' })
  after?: string;
}
