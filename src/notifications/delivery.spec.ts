import { decideDelivery, describeError, isLastAttempt, messageIdFor } from './delivery.js';
import { DELIVERY_ATTEMPTS, jobIdOf } from './notifications.constants.js';

describe('delivery rules', () => {
  const now = new Date('2027-03-01T10:00:00Z');
  const due = { status: 'pending' as const, delivery: 1, sendAt: new Date('2027-03-01T09:00:00Z') };

  it('sends a pending, due row of the same delivery', () => {
    expect(decideDelivery(due, 1, now)).toBe('send');
    expect(decideDelivery({ ...due, sendAt: now }, 1, now)).toBe('send');
  });

  it.each([
    ['sent', 'skip-done'],
    ['failed', 'skip-done'],
    ['cancelled', 'skip-done'],
  ] as const)('skips a row already %s', (status, decision) => {
    expect(decideDelivery({ ...due, status }, 1, now)).toBe(decision);
  });

  it('skips a vanished row, an older delivery and a row moved later', () => {
    expect(decideDelivery(null, 1, now)).toBe('skip-gone');
    expect(decideDelivery({ ...due, delivery: 2 }, 1, now)).toBe('skip-superseded');
    expect(decideDelivery({ ...due, sendAt: new Date('2027-03-02T09:00:00Z') }, 1, now)).toBe('skip-not-due');
  });

  it('the fifth attempt is the last', () => {
    expect(DELIVERY_ATTEMPTS).toBe(5);
    expect([0, 1, 2, 3, 4].map((made) => isLastAttempt(made, DELIVERY_ATTEMPTS))).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('Message-ID is stable per message, on the sender domain', () => {
    const id = '5f0c6c52-4b7e-4a8e-9a57-0d2b3c1e7f10';
    expect(messageIdFor(id, 'Aalborg Talentakademi <optag@talentakademi.example>')).toBe(
      `<notification-${id}@talentakademi.example>`,
    );
    expect(messageIdFor(id, 'optag@akademi.dk')).toBe(`<notification-${id}@akademi.dk>`);
    expect(jobIdOf({ id, delivery: 2 })).toBe(`${id}:2`);
  });

  it('describes errors on one bounded line', () => {
    expect(describeError(new Error('451 Mail server\n busy'))).toBe('451 Mail server busy');
    expect(describeError('x'.repeat(2000))).toHaveLength(1000);
  });
});
