import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // A safe integer: 1e300 passes @IsInt but reaches SQL as "OFFSET 1e+300", a syntax error (500).
  @Max(Number.MAX_SAFE_INTEGER)
  offset = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
}
