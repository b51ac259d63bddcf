/** The host's frames as text: a reply's JSON text after the message, read back as the message it was, or refused. */
import { describe, expect, it } from 'vitest';
import { fromHostText, parseHostText, type FromHost } from './protocol.ts';

const REPLY = JSON.stringify({ version: 2, datasetRecords: { k: { newValue: 'é"\\\n😀', op: 'replace' } } });

describe('fromHostText / parseHostText', () => {
  it.each<[string, FromHost]>([
    ['a reply', { type: 'result', id: 'a1', completion: { kind: 'replied', json: REPLY } }],
    ['a reply with lookups', { type: 'result', id: 'a2', completion: { kind: 'replied', json: '{}' }, lookups: ['x'] }],
    [
      'what a handler sent without completing',
      { type: 'result', id: 'a3', completion: { kind: 'no-reply', sends: { json: REPLY } } },
    ],
    [
      'an error',
      {
        type: 'result',
        id: 'a4',
        completion: { kind: 'threw', error: { errorType: 'E', errorMessage: 'm\nn', trace: [] } },
      },
    ],
    ['a log', { type: 'log', text: 'one\ntwo' }],
    ['ready', { type: 'ready', style: 'async' }],
  ])('%s reads back as it was', (_, msg) => {
    expect(parseHostText(fromHostText(msg))).toStrictEqual(msg);
  });

  it('keeps a reply’s JSON text out of the message, unescaped after the first newline', () => {
    const text = fromHostText({ type: 'result', id: 'a1', completion: { kind: 'replied', json: REPLY } });
    expect(text).toBe(`{"type":"result","id":"a1","completion":{"kind":"replied"}}\n${REPLY}`);
  });

  it('refuses a tail on anything but a result that replied or sent a reply', () => {
    expect(parseHostText('{"type":"log","text":"x"}\n{}')).toBeUndefined();
    expect(parseHostText('{"type":"result","id":"a","completion":{"kind":"threw"}}\n{}')).toBeUndefined();
    expect(parseHostText('[1]\n{}')).toBeUndefined();
    expect(parseHostText('null\n{}')).toBeUndefined();
    expect(() => parseHostText('not json\n{}')).toThrow(SyntaxError);
  });

  it('the tail is text as the host sent it, judged later: invalid JSON is the reply, not the frame', () => {
    expect(parseHostText('{"type":"result","id":"a","completion":{"kind":"replied"}}\n{oops')).toStrictEqual({
      type: 'result',
      id: 'a',
      completion: { kind: 'replied', json: '{oops' },
    });
  });
});
