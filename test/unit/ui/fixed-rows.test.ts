import { describe, expect, it } from 'vitest';
import { rowsInView, scrollTopFor } from '../../../renderer/ui/fixed-rows';

describe('rowsInView', () => {
  it('draws the rows in view and the overscan on each side, clamped to the list', () => {
    expect(rowsInView(0, 580, 58, 100_000, 12)).toEqual({ start: 0, end: 22 });
    expect(rowsInView(58 * 50_000, 580, 58, 100_000, 12)).toEqual({ start: 49_988, end: 50_022 });
    expect(rowsInView(58 * 99_990, 580, 58, 100_000, 12)).toEqual({ start: 99_978, end: 100_000 });
  });

  it('counts a row cut by either edge as in view', () => {
    expect(rowsInView(30, 100, 58, 1000, 0)).toEqual({ start: 0, end: 3 });
  });

  it('draws nothing for an empty list, and only what exists of a short one', () => {
    expect(rowsInView(0, 580, 58, 0, 12)).toEqual({ start: 0, end: 0 });
    expect(rowsInView(0, 580, 58, 3, 12)).toEqual({ start: 0, end: 3 });
  });

  it('keeps within the list when the scroll position is past its end (the list shrank under it)', () => {
    expect(rowsInView(58 * 5000, 580, 58, 100, 12)).toEqual({ start: 100, end: 100 });
    expect(rowsInView(-40, 580, 58, 100, 0)).toEqual({ start: 0, end: 10 });
  });

  it('draws the overscan alone before the viewport has a height', () => {
    expect(rowsInView(0, 0, 58, 500, 12)).toEqual({ start: 0, end: 12 });
  });
});

describe('scrollTopFor', () => {
  it('leaves the scroll position alone when the row is wholly in view', () => {
    expect(scrollTopFor(3, 0, 580, 58)).toBe(0);
    expect(scrollTopFor(100, 58 * 95, 580, 58)).toBe(58 * 95);
  });

  it('scrolls up to a row above the view, putting it at the top', () => {
    expect(scrollTopFor(10, 58 * 20, 580, 58)).toBe(580);
  });

  it('scrolls down to a row below the view, putting it at the bottom', () => {
    expect(scrollTopFor(20, 0, 580, 58)).toBe(58 * 21 - 580);
    // Half hidden at the bottom counts as out of view.
    expect(scrollTopFor(10, 30, 580, 58)).toBe(58 * 11 - 580);
  });
});
