import { Box, Text } from 'ink';
import React, { memo, useMemo } from 'react';
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
  /** The same array from frame to frame (memoised by the caller) until a cell can change: a new one redraws every row. */
  columns: Column<T>[];
  rows: readonly T[];
  cursor: number;
  offset: number;
  height: number;
  rowKey(row: T): string;
  highlighted?(row: T): boolean;
  emptyText?: string;
}

/** Adjacent cells drawn alike, as one run of text. */
interface Span {
  text: string;
  color: string | undefined;
  inverse: boolean | undefined;
  dimColor: boolean | undefined;
}

/**
 * A row's cells, padded to their widths and merged where neighbours share a style: every Ink
 * node costs a share of each frame (reconcile, layout, squashing the row's text), and plain
 * cells are most of a row.
 */
function spansOf<T>(columns: readonly Column<T>[], row: T): Span[] {
  const spans: Span[] = [];
  columns.forEach((c, ci) => {
    const extra = c.style?.(row);
    const text = fit(c.cell(row), c.width) + (ci < columns.length - 1 ? ' ' : '');
    const span = { text, color: c.color?.(row), inverse: extra?.inverse, dimColor: extra?.dimColor };
    const last = spans.at(-1);
    if (last && last.color === span.color && !last.inverse === !span.inverse && !last.dimColor === !span.dimColor) last.text += text;
    else spans.push(span);
  });
  return spans;
}

interface RowProps<T> {
  row: T;
  columns: readonly Column<T>[];
  selected: boolean;
  changed: boolean;
}

/**
 * Memoised on its props (the row object, the columns, two flags): moving the cursor redraws the
 * two rows it leaves and enters, not the viewport.
 */
function TableRowImpl<T>({ row, columns, selected, changed }: RowProps<T>): React.ReactElement {
  const backgroundColor = changed && !selected ? 'blue' : undefined;
  return (
    <Text inverse={selected} bold={changed} wrap="truncate">
      {spansOf(columns, row).map((s, i) =>
        // A plain run needs no node of its own: it is the row's text.
        !s.color && !s.inverse && !s.dimColor && !backgroundColor ? (
          s.text
        ) : (
          <Text key={i} color={s.color} backgroundColor={backgroundColor} inverse={s.inverse} dimColor={s.dimColor}>
            {s.text}
          </Text>
        ),
      )}
    </Text>
  );
}
const TableRow = memo(TableRowImpl) as typeof TableRowImpl;

/**
 * Renders only rows [offset, offset + height): the cost of a frame is the viewport, not the
 * queue. ink-table cannot be used (it does not load under ink 6) and renders every row anyway.
 * In a narrower terminal a row is cut at the right edge rather than wrapped: one line per row
 * keeps the viewport's height right, and wrapping every row was a good part of a frame's work.
 * Rows are keyed by `rowKey`, so scrolling by one mounts one row and leaves the others be.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>): React.ReactElement {
  const { columns, rows, cursor, offset, height } = props;
  const visible = rows.slice(offset, offset + height);
  const title = useMemo(() => columns.map((c) => fit(c.title, c.width)).join(' '), [columns]);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {title}
      </Text>
      {visible.length === 0 ? <Text dimColor>{props.emptyText ?? 'no rows'}</Text> : null}
      {visible.map((row, i) => (
        <TableRow key={props.rowKey(row)} row={row} columns={columns} selected={offset + i === cursor} changed={props.highlighted?.(row) ?? false} />
      ))}
    </Box>
  );
}
