import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Public } from './auth.js';
import { IsBoolean, IsDateString, IsOptional } from 'class-validator';
import { Clock } from './clock.js';
import { toCopenhagenIso } from './time.js';

class MoveClockDto {
  @ApiProperty({ example: '2027-05-01T08:00:00+02:00' })
  @IsDateString({ strict: true }, { message: 'now must be an ISO-8601 timestamp with offset' })
  now: string;

  @ApiPropertyOptional({ default: false, description: 'Stand still at `now` instead of running on from it' })
  @IsOptional()
  @IsBoolean()
  frozen?: boolean;
}

/** Only mounted when TEST_CLOCK=1 (refused in production): lets a black-box test travel in time. */
@ApiTags('test')
@Public()
@Controller('test/clock')
export class TestClockController {
  constructor(private readonly clock: Clock) {}

  @Get()
  read() {
    return { now: toCopenhagenIso(this.clock.now()) };
  }

  @Put()
  async move(@Body() body: MoveClockDto) {
    return { now: toCopenhagenIso(await this.clock.travelTo(new Date(body.now), body.frozen)) };
  }

  @Delete()
  async reset() {
    return { now: toCopenhagenIso(await this.clock.reset()) };
  }
}
