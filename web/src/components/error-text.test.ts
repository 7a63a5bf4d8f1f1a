import { ApiError } from '../api';
import { texts } from '../texts';
import { describeError } from './error-text';

describe('describeError', () => {
  test('a Korean server sentence is shown without its field prefix, and keeps the field', () => {
    expect(describeError(new ApiError(400, 'VALIDATION', 'nickname: 닉네임은 2글자 ~ 8글자로 적어주세요.'))).toEqual({
      field: 'nickname',
      text: '닉네임은 2글자 ~ 8글자로 적어주세요.',
    });
  });

  test('an English validator message becomes the client\'s Korean sentence for that field', () => {
    expect(describeError(new ApiError(400, 'VALIDATION', 'image: must be a png, jpeg, webp or gif image'))).toEqual({
      field: 'image',
      text: texts.errors.byField.image,
    });
    expect(describeError(new ApiError(400, 'VALIDATION', 'tags.2: Too big'))).toEqual({ field: 'tags', text: texts.errors.byField.tags });
  });

  test('an English message on an unknown field or without one falls back to the code', () => {
    expect(describeError(new ApiError(429, 'RATE_LIMITED', 'Too many requests')).text).toBe(texts.errors.byCode.RATE_LIMITED);
    expect(describeError(new ApiError(400, 'VALIDATION', 'input: invalid')).text).toBe(texts.errors.byCode.VALIDATION);
    expect(describeError(new ApiError(418, 'TEAPOT', 'short and stout')).text).toBe(texts.errors.generic);
  });

  test('a plain Korean message with no prefix is shown as it is', () => {
    expect(describeError(new ApiError(409, 'CONFLICT', '이미 존재하는 방 제목입니다.'))).toEqual({ field: null, text: '이미 존재하는 방 제목입니다.' });
  });

  test('no connection and non-API failures read as sentences too', () => {
    expect(describeError(new ApiError(0, 'NETWORK', 'x')).text).toBe(texts.errors.network);
    expect(describeError(new Error('boom')).text).toBe(texts.errors.generic);
  });
});
