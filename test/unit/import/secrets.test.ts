import { describe, expect, it } from 'vitest';
import { foldHeader } from '../../../src/import/fields.js';
import { isSecretHeader, removeSecrets } from '../../../src/import/secrets.js';

describe('sensitive authentication data', () => {
  it.each(['Track2', 'track_2_data', '二磁道', '磁道信息', 'CVV2', 'cvn2', '安全码', 'PIN block', '密码'])('%s is a secret column', (h) => {
    expect(isSecretHeader(foldHeader(h))).toBe(true);
  });

  it.each(['卡号', 'card_no', '交易金额', '凭证号', 'pin_pad_id_no', 'tracking_no', '操作员密码提示'])('%s is not', (h) => {
    expect(isSecretHeader(foldHeader(h))).toBe(false);
  });

  it('cuts ranges out of a line, last first', () => {
    expect(removeSecrets('a,123,b,456', [[2, 5], [8, 11]])).toBe('a,[removed],b,[removed]');
    expect(removeSecrets('a,b', undefined)).toBe('a,b');
  });
});
