import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { BREAKDOWNS, FIGURE_TABLES, type Breakdown, type FigureTable } from '../figures.js';

export const PROGRAMME_FILTERS = ['MGK', 'BGK', 'TGK'] as const;

/** Which year's figures, and of which programme (all three when left out). */
export class FiguresQuery {
  @ApiPropertyOptional({
    example: 2030,
    description: 'the intake year; by default the latest year whose results are out',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000, { message: 'year must be from 2000 to 2999' })
  @Max(2999, { message: 'year must be from 2000 to 2999' })
  year?: number;

  @ApiPropertyOptional({ enum: PROGRAMME_FILTERS })
  @IsOptional()
  @IsIn(PROGRAMME_FILTERS, { message: 'programme must be MGK, BGK or TGK' })
  programme?: (typeof PROGRAMME_FILTERS)[number];
}

export class BreakdownQuery extends FiguresQuery {
  @ApiPropertyOptional({ enum: BREAKDOWNS, default: 'gender' })
  @IsOptional()
  @IsIn(BREAKDOWNS, { message: `by must be one of ${BREAKDOWNS.join(', ')}` })
  by?: Breakdown;
}

export class TableQuery extends FiguresQuery {
  @ApiPropertyOptional({ enum: FIGURE_TABLES, default: 'funnel' })
  @IsOptional()
  @IsIn(FIGURE_TABLES, { message: `table must be one of ${FIGURE_TABLES.join(', ')}` })
  table?: FigureTable;
}
