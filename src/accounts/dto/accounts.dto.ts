import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { LOCALES, type Locale, type Role } from '../user.entity.js';
import { PageQuery } from '../../common/pagination.js';
import { Trim } from '../../common/trim.js';

export class GuardianDto {
  @ApiProperty({ example: 'Hanne Jensen' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'guardian.name is required' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'hanne.jensen@example.dk' })
  @Trim()
  @IsEmail({}, { message: 'guardian.email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '+45 20 30 40 50' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[\d\s-]{6,20}$/, { message: 'guardian.phone must be a phone number' })
  phone?: string;
}

export class RegisterDto {
  @ApiProperty({ example: 'maja@example.dk' })
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, example: 'cello og kaffe om morgenen' })
  @IsString({ message: 'password is required' })
  password: string;

  @ApiProperty({ example: 'Maja Jensen' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '2010-05-17', description: 'YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date like 2010-05-17' })
  birthDate: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'da' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'locale must be "da" or "en"' })
  locale?: Locale;

  @ApiPropertyOptional({ type: GuardianDto, description: 'Required when the applicant is under 18 today' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description:
      'The version of the privacy notice shown to the applicant (GET /api/privacy-notice); 409 when it is no longer the current one. The version and time are recorded either way.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  privacyNoticeVersion?: string;
}

export class LoginDto {
  @ApiProperty({ example: 'maja@example.dk' })
  @Trim()
  @IsString({ message: 'email is required' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString({ message: 'password is required' })
  @MaxLength(200)
  password: string;
}

export const INVITABLE_ROLES = ['juror', 'teacher', 'staff'] as const satisfies readonly Role[];

export class CreateUserDto {
  @ApiProperty({ example: 'censor@example.dk' })
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Lars Nielsen' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: INVITABLE_ROLES })
  @IsIn(INVITABLE_ROLES, { message: 'role must be juror, teacher or staff (applicants register themselves)' })
  role: (typeof INVITABLE_ROLES)[number];

  @ApiPropertyOptional({ enum: LOCALES, default: 'da' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'locale must be "da" or "en"' })
  locale?: Locale;
}

export class AcceptInvitationDto {
  @ApiProperty()
  @IsString({ message: 'token is required' })
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10 })
  @IsString({ message: 'password is required' })
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({
    enum: INVITABLE_ROLES,
    description: "A juror's, teacher's or staff member's new role",
  })
  @IsOptional()
  @IsIn(INVITABLE_ROLES, { message: `role must be one of ${INVITABLE_ROLES.join(', ')}` })
  role?: (typeof INVITABLE_ROLES)[number];

  @ApiPropertyOptional({ description: 'false deactivates the account (no sign-in, its tokens stop working)' })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INVITABLE_ROLES })
  @IsOptional()
  @IsIn(INVITABLE_ROLES, { message: `role must be one of ${INVITABLE_ROLES.join(', ')}` })
  role?: (typeof INVITABLE_ROLES)[number];

  @ApiPropertyOptional({ description: 'Part of the name or e-mail address', example: 'nielsen' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only active (true) or deactivated (false) accounts',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'active must be true or false' })
  active?: 'true' | 'false';
}

export const INVITATION_STATES = ['accepted', 'pending', 'expired'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export class StaffUserItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: INVITABLE_ROLES }) role: string;
  @ApiProperty({ enum: LOCALES }) locale: string;
  @ApiProperty() active: boolean;
  @ApiProperty({
    enum: INVITATION_STATES,
    description:
      'accepted: the person has set a password; pending: the newest link still works; expired: invite again',
  })
  invitation: InvitationState;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the newest unused invitation link expires (expired)',
  })
  invitationExpiresAt?: string;
}

export class StaffUserPage {
  @ApiProperty({ type: [StaffUserItem] }) items: StaffUserItem[];
  @ApiProperty() total: number;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Maja Jensen' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '+45 20 30 40 50', description: 'An empty string removes it' })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(/^$|^\+?[\d\s-]{6,20}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES, { message: 'locale must be "da" or "en"' })
  locale?: Locale;

  @ApiPropertyOptional({ type: GuardianDto, description: "Replaces the guardian's name, e-mail and phone" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: 'currentPassword is required' })
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 10 })
  @IsString({ message: 'password is required' })
  password: string;
}

export class ForgotPasswordDto {
  @ApiProperty({ example: 'maja@example.dk' })
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;
}

export class ResetPasswordDto {
  @ApiProperty()
  @IsString({ message: 'token is required' })
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10 })
  @IsString({ message: 'password is required' })
  password: string;
}

export class VerifyEmailDto {
  @ApiProperty()
  @IsString({ message: 'token is required' })
  @MaxLength(200)
  token: string;
}
