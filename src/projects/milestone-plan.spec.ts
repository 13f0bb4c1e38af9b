import { defaultMilestones, dueDatesSetBy, milestonesSettledBy } from './milestone-plan.js';

describe('default milestones', () => {
  it('proposal in two weeks, midway halfway, final on the presentation date', () => {
    expect(defaultMilestones('2034-04-20', '2033-09-10', 'en')).toEqual([
      { kind: 'proposal', title: 'Proposal', dueDate: '2033-09-24' },
      { kind: 'midway', title: 'Midway presentation', dueDate: '2033-12-30' },
      { kind: 'final', title: 'Final presentation', dueDate: '2034-04-20' },
    ]);
  });

  it("are titled in the student's language", () => {
    expect(defaultMilestones('2034-04-20', '2033-09-10', 'da').map((m) => m.title)).toEqual([
      'Projektforslag',
      'Midtvejsfremlæggelse',
      'Afsluttende præsentation',
    ]);
  });

  it('stay in order when the presentation is close', () => {
    const plan = defaultMilestones('2033-09-18', '2033-09-10', 'da');
    expect(plan.map((m) => m.dueDate)).toEqual(['2033-09-12', '2033-09-14', '2033-09-18']);
    const tomorrow = defaultMilestones('2033-09-11', '2033-09-10', 'da');
    expect(tomorrow.map((m) => m.dueDate)).toEqual(['2033-09-11', '2033-09-11', '2033-09-11']);
  });

  it('approval settles the proposal, handing in the final presentation, nothing else settles any', () => {
    expect(milestonesSettledBy('approved')).toEqual(['proposal']);
    expect(milestonesSettledBy('submitted')).toEqual(['final']);
    for (const status of ['proposed', 'returned', 'in_progress', 'assessed'] as const) {
      expect(milestonesSettledBy(status)).toEqual([]);
    }
  });

  it("due dates are the student's while the proposal is open, the supervisor's or staff's once approved", () => {
    expect(dueDatesSetBy('proposed')).toBe('student');
    expect(dueDatesSetBy('returned')).toBe('student');
    expect(dueDatesSetBy('approved')).toBe('supervisor or staff');
    expect(dueDatesSetBy('in_progress')).toBe('supervisor or staff');
    expect(dueDatesSetBy('submitted')).toBe('nobody');
    expect(dueDatesSetBy('assessed')).toBe('nobody');
  });
});
