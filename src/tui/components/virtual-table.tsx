import { Box, Text } from 'ink';
import React from 'react';
import { fit } from '../../shared/text.js';

export interface Column<T> {
  title: string;
  width: number;
  cell(row: T): string;
  color?(row: T): string | undefined;
  /** Extra text style for a cell, e.g. an SLA countdown shown inverse once breached. */
  style?(row: T): { inverse?: boolean; dimColor?: boolean } | undefined;
}

export interface VirtualTableProps<T> {
  columns: Column<T>[];
  rows: readonly T[];
  cursor: number;
  offset: number;
  height: number;
  rowKey(row: T): string;
  highlighted?(row: T): boolean;
  emptyText?: string;
}

/**
 * Renders only rows [offset, offset + height): the cost of a frame is the viewport, not the
 * queue. ink-table cannot be used (it does not load under ink 6) and renders every row anyway.
 * In a narrower terminal a row is cut at the right edge rather than wrapped: one line per row
 * keeps the viewport's height right, and wrapping every row was a good part of a frame's work.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>): React.ReactElement {
  const { columns, rows, cursor, offset, height } = props;
  const visible = rows.slice(offset, offset + height);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {columns.map((c) => fit(c.title, c.width)).join(' ')}
      </Text>
      {visible.length === 0 ? <Text dimColor>{props.emptyText ?? 'no rows'}</Text> : null}
      {visible.map((row, i) => {
        const selected = offset + i === cursor;
        const changed = props.highlighted?.(row) ?? false;
        return (
          <Text key={props.rowKey(row)} inverse={selected} bold={changed} wrap="truncate">
            {columns.map((c, ci) => {
              const extra = c.style?.(row);
              return (
                <Text key={ci} color={c.color?.(row)} backgroundColor={changed && !selected ? 'blue' : undefined} inverse={extra?.inverse} dimColor={extra?.dimColor}>
                  {fit(c.cell(row), c.width)}
                  {ci < columns.length - 1 ? ' ' : ''}
                </Text>
              );
            })}
          </Text>
        );
      })}
    </Box>
  );
}
