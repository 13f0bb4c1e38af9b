import { QueryFailedError } from 'typeorm';
import { describeFailure } from './http-exception.filter.js';

describe('describeFailure (what a 500 logs)', () => {
  it('keeps class, message, code and stack of a failed query, never its parameters or detail', () => {
    const driverError = Object.assign(new Error('invalid input syntax for type integer: "maja@example.dk"'), {
      code: '22P02',
      detail: 'Key (email)=(maja@example.dk) already exists.',
    });
    const error = new QueryFailedError(
      'SELECT * FROM users WHERE email = $1 AND name = $2',
      ['maja@example.dk', 'Maja Jensen'],
      driverError,
    );
    const logged = describeFailure(error);
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '22P02', stack: expect.any(String) });
    expect(Object.keys(logged).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(JSON.stringify(logged)).not.toContain('Maja Jensen');
    expect(JSON.stringify(logged)).not.toContain('Key (email)');
  });

  it('says what was thrown when it is not an Error, without echoing it', () => {
    expect(describeFailure({ email: 'maja@example.dk' })).toEqual({
      type: 'object',
      message: 'a non-Error value was thrown',
    });
  });
});
