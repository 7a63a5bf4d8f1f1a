import { andThen, isPromise } from './maybe-promise';

describe('andThen', () => {
  it('runs the next step synchronously for a plain value', () => {
    const order: string[] = [];
    const result = andThen(2, (n) => {
      order.push('next');
      return n * 3;
    });
    order.push('after');
    expect(result).toBe(6);
    expect(order).toEqual(['next', 'after']);
  });

  it('waits for a promise and passes on its value', async () => {
    const result = andThen(Promise.resolve(2), (n) => n * 3);
    expect(isPromise(result)).toBe(true);
    await expect(result).resolves.toBe(6);
  });

  it('passes a rejection on without calling the next step', async () => {
    const next = jest.fn();
    await expect(andThen(Promise.reject(new Error('gone')), next)).rejects.toThrow('gone');
    expect(next).not.toHaveBeenCalled();
  });

  it('lets a synchronous throw of the next step reach the caller', () => {
    expect(() =>
      andThen(1, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
  });
});

describe('isPromise', () => {
  it('tells thenables from plain values, null and undefined included', () => {
    expect(isPromise(Promise.resolve(1))).toBe(true);
    expect(isPromise({ then: () => undefined } as unknown as Promise<number>)).toBe(true);
    expect(isPromise(1)).toBe(false);
    expect(isPromise(null)).toBe(false);
    expect(isPromise(undefined)).toBe(false);
    expect(isPromise({ then: 1 })).toBe(false);
  });
});
