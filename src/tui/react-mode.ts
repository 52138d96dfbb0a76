/**
 * The TUI runs React's production build unless NODE_ENV says otherwise. The development build
 * records a performance.measure entry for every component render (kept in Node's performance
 * timeline, so the heap and the garbage collector's work grow over an analyst's shift) and adds
 * checks that cost more than the frame budget. Imported first, before anything loads react.
 */
process.env.NODE_ENV ??= 'production';
