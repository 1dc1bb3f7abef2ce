import { describe, expect, it } from 'vitest';
import { detectLineEnding } from './line-endings.js';

describe('detectLineEnding', () => {
  it.each([
    ['a,b\r\n1,2\r\n', 'CRLF'],
    ['a,b\n1,2\n', 'LF'],
    ['a,b\r1,2\r', 'CR'],
    ['a,b\r\n1,2\n', 'mixed'],
    ['a,b', 'none'],
    // line breaks inside quoted fields are content, not line endings (Excel: bare LF in a cell)
    ['a,b\r\n"Suite 4\nBack door",2\r\n3,4\r\n', 'CRLF'],
    ['a,b\n"Suite 4\r\nFront",2\n', 'LF'],
    ['a,b\r\n"say ""hi""\nthere",2\r\n', 'CRLF'],
    // a quote inside an unquoted field opens no quoted field
    ['id,note\r\n1,Box 5" deep\r\n2,"Suite 4\nBack door"\r\n3,x\r\n', 'CRLF'],
    ['id,product 5",note\r\n1,"a\nb",c\r\n', 'CRLF'],
    ['a,b\r"x\ny",1\r2,Box 5" deep\r', 'CR'],
    // an unclosed quote hides every line break after it: all of them count
    ['a,"b\n1,2\n', 'LF'],
  ])('%j → %s', (text, expected) => {
    expect(detectLineEnding(text)).toBe(expected);
  });
});
