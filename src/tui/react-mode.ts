/**
 * The TUI runs React's production build unless NODE_ENV says otherwise. The development build
 * records a performance.measure entry for every component render (kept in Node's performance
 * timeline, so the heap and the garbage collector's work grow over an analyst's shift) and adds
 * checks that cost more than the frame budget. It must be set before anything loads React: the
 * CLI entry imports this first. Set later, React would load as the development build and Ink's
 * reconciler as the production one, and that pair renders nothing at all (a blank screen).
 */
process.env.NODE_ENV ??= 'production';
