import { alternate } from './run';

describe('alternate', () => {
  it('runs ours and the baseline in ABBA order, and only as many baseline runs as asked', async () => {
    const order: string[] = [];
    const step = (name: string) => async () => {
      order.push(name);
      return name;
    };
    const all = await alternate(4, step('ours'), step('relay'));
    expect(order).toEqual(['ours', 'relay', 'relay', 'ours', 'ours', 'relay', 'relay', 'ours']);
    expect(all).toEqual({ ours: ['ours', 'ours', 'ours', 'ours'], baseline: ['relay', 'relay', 'relay', 'relay'] });

    order.length = 0;
    const fewer = await alternate(3, step('ours'), step('relay'), 1);
    expect(order).toEqual(['ours', 'relay', 'ours', 'ours']);
    expect(fewer.baseline).toHaveLength(1);
  });
});
