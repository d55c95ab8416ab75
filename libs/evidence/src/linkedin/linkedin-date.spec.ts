import { describe, expect, it } from 'vitest';

import { parseLinkedInDate } from './linkedin-date';

describe('parseLinkedInDate', () => {
  it.each([
    ['Mar 2021', '2021-03'],
    ['March 2021', '2021-03'],
    ['sept. 2015', '2015-09'],
    ['Dec  2020', '2020-12'],
    ['2021', '2021'],
    [' 2016 ', '2016'],
    ['03 2021', '2021-03'],
    ['3 2021', '2021-03'],
    ['11/2019', '2019-11'],
    ['2021-03', '2021-03'],
    ['2021/7', '2021-07'],
    ['2021-03-15', '2021-03'],
    ['Mar 15, 2021', '2021-03'],
    ['15 March 2021', '2021-03'],
  ])('%j → %s', (text, date) => {
    expect(parseLinkedInDate(text)).toEqual({ ok: true, date });
  });

  it.each(['', '   ', 'Present', 'present', 'Current'])('%j is no date (ongoing or empty)', (text) => {
    expect(parseLinkedInDate(text)).toEqual({ ok: true });
  });

  it.each([
    'Sommer 2020',
    '13 2021',
    '00 2021',
    '2021-13',
    'Mar 32, 2021',
    '1850',
    '2101',
    'Q3 2021',
    '21',
    'soon',
  ])('%j is not a date we know', (text) => {
    expect(parseLinkedInDate(text)).toEqual({ ok: false });
  });
});
