import { ApiRequestError } from '../../core/http/api-error-message';
import { editRefusalWords } from './edit-refusal-words';

describe('editRefusalWords (a refused order edit in words)', () => {
  const order = { id: '3DsADvCrFOTVY5TNQzcI' };

  it('names the field the API refused, as the form labels it', () => {
    const error = new ApiRequestError(400, 'validation_failed', 'The order update is not valid.', {
      details: [{ path: 'table', message: 'table must not be empty' }, { path: 'customerName', message: 'customerName must be at most 80 characters' }],
    });
    expect(editRefusalWords(error, 'details', order)).toBe('Table must not be empty. Customer name must be at most 80 characters.');
  });

  it('says a lost race with the status as the board names it, and the last dish for what it is', () => {
    const moved = new ApiRequestError(409, 'order_not_editable', '…', { currentStatus: 'READY' });
    expect(editRefusalWords(moved, 'add', order)).toBe('Someone changed #3DSADV meanwhile: it is now Ready, so its dishes can no longer change. Nothing was saved.');
    const last = new ApiRequestError(409, 'order_not_editable', '…', { currentStatus: 'PREPARING' });
    expect(editRefusalWords(last, 'remove', order)).toBe('That is the last dish of #3DSADV: cancel the order instead.');
  });

  it("keeps the API's own sentence with the order's number and dish names for ids", () => {
    const tooLarge = new ApiRequestError(400, 'order_too_large', 'That would bring order 3DsADvCrFOTVY5TNQzcI to $10,012.00; an order may come to at most $10,000.00.');
    expect(editRefusalWords(tooLarge, 'change', order)).toBe('That would bring #3DSADV to $10,012.00; an order may come to at most $10,000.00.');
    const stock = new ApiRequestError(409, 'out_of_stock', 'Not enough cola left (2 left, 5 asked).');
    expect(editRefusalWords(stock, 'add', order, new Map([['cola', 'Cola']]))).toBe('Not enough Cola left (2 left, 5 asked).');
    expect(editRefusalWords(new Error('boom'), 'details', order)).toBe('#3DSADV could not be changed. Try again.');
  });
});
