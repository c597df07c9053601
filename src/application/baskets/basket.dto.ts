import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Ids in routes and bodies: UUIDs, or any 1–100 letters, digits, `_` and `-`. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
export const ID_MESSAGE = '$property must be an id: 1 to 100 letters, digits, _ or -';

export class ChildParams {
  @ApiProperty({ example: '0f8c2b0e-6a8e-4f63-9d0c-3c2f6f0e7a11' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  childId!: string;
}

export class BasketLineParams extends ChildParams {
  @ApiProperty({ example: '6c1d7c55-3f0e-4a8b-9b77-2f2f6f0e9b42' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  activityId!: string;
}

/** « Ajouter une activité »: an activity of a program's planning, for this child. */
export class AddActivityDto {
  @ApiProperty({ example: '3b6f1f4e-2b8e-4c1a-9a55-7d4a1c2e8f10', description: 'the program of the planning' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  programId!: string;

  @ApiProperty({ example: '6c1d7c55-3f0e-4a8b-9b77-2f2f6f0e9b42', description: 'an activity of that program' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  activityId!: string;
}
