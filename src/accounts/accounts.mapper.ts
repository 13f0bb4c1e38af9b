import type { User } from './user.entity.js';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  locale: User['locale'];
  birthDate?: string;
  phone?: string;
  guardian?: { name: string; email: string; phone?: string };
  passwordSet?: boolean;
}

/** The only shape a user leaves the API in: never the password hash. */
export function mapUser(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    ...(user.birthDate ? { birthDate: user.birthDate } : {}),
    ...(user.phone ? { phone: user.phone } : {}),
    ...(user.guardianEmail
      ? {
          guardian: {
            name: user.guardianName ?? '',
            email: user.guardianEmail,
            ...(user.guardianPhone ? { phone: user.guardianPhone } : {}),
          },
        }
      : {}),
  };
}
