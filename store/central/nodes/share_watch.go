package nodes

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"
)

// A session advisory lock lives exactly as long as the connection that
// took it. When that connection breaks (PostgreSQL restarted, the backend
// was terminated, a network path dropped), the lock is gone although the
// node goes on serving, and work that the lock was meant to keep out can
// start. WatchedShare notices: it checks its connection every interval
// and, when the connection has gone, takes its share again on a fresh
// one and asks the caller whether anything changed meanwhile.

// ShareWatch configures WatchShare.
type ShareWatch struct {
	// Interval between checks of the lock's connection; each check also
	// gives up after Interval.
	Interval time.Duration
	// Rejoined runs after the share was taken again on a new connection,
	// before the node goes on: it must check what may have changed while
	// the lock was not held (for the serving lock, the data keys). An
	// error from it is the end of serving: Lost is called with it.
	Rejoined func(ctx context.Context) error
	// Lost is called once, when the share cannot be held any more: it was
	// taken exclusively meanwhile (ErrHeld), or Rejoined refused. The
	// node must stop serving.
	Lost func(err error)
}

// WatchedShare is a shared lock held for as long as its holder serves.
type WatchedShare struct {
	db   *sql.DB
	name string
	cfg  ShareWatch

	mu   sync.Mutex
	cur  *held // the current share; nil while it is not held
	lost bool

	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// WatchShare takes the shared lock of the job named name, without waiting
// (ErrHeld while someone holds it exclusively), and keeps it: every
// cfg.Interval it checks the connection that holds it and, when that
// connection has broken, takes the share again (ShareWatch).
func WatchShare(ctx context.Context, db *sql.DB, name string, cfg ShareWatch) (*WatchedShare, error) {
	if cfg.Interval <= 0 {
		cfg.Interval = time.Second
	}
	h, err := shareConn(ctx, db, name)
	if err != nil {
		return nil, err
	}
	w := &WatchedShare{db: db, name: name, cfg: cfg, cur: h, stop: make(chan struct{}), done: make(chan struct{})}
	go w.run()
	return w, nil
}

func (w *WatchedShare) run() {
	defer close(w.done)
	t := time.NewTicker(w.cfg.Interval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			if !w.Check(context.Background()) {
				return
			}
		}
	}
}

// Check checks once that the share is still held, takes it again if its
// connection has gone, and reports whether the share is held now (false
// once Lost has been called, or after Release). The watch loop calls it;
// tests call it to decide the moment.
func (w *WatchedShare) Check(ctx context.Context) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.lost {
		return false
	}
	select {
	case <-w.stop:
		return false
	default:
	}
	if w.cur != nil && w.alive(ctx) {
		return true
	}
	if w.cur != nil {
		w.cur.release() // ends the broken session, if it is not ended already
		w.cur = nil
	}
	cctx, cancel := context.WithTimeout(ctx, w.cfg.Interval)
	h, err := shareConn(cctx, w.db, w.name)
	cancel()
	switch {
	case errors.Is(err, ErrHeld):
		w.lose(err)
		return false
	case err != nil:
		// The database cannot be reached: nothing can be written either,
		// so nothing is at risk yet. Try again at the next check.
		return true
	}
	w.cur = h
	if w.cfg.Rejoined != nil {
		if err := w.cfg.Rejoined(ctx); err != nil {
			w.lose(err)
			return false
		}
	}
	return true
}

func (w *WatchedShare) lose(err error) {
	w.lost = true
	if w.cur != nil {
		w.cur.release()
		w.cur = nil
	}
	if w.cfg.Lost != nil {
		go w.cfg.Lost(err) // Lost may stop the node, which calls Release
	}
}

// alive pings the connection holding the lock. A session lock lasts as
// long as its session, and only this node unlocks it, so a live session
// still holds it.
func (w *WatchedShare) alive(ctx context.Context) bool {
	cctx, cancel := context.WithTimeout(ctx, w.cfg.Interval)
	defer cancel()
	return w.cur.conn.PingContext(cctx) == nil
}

// Release stops the watch and gives the share back. It may be called more
// than once.
func (w *WatchedShare) Release() {
	w.once.Do(func() { close(w.stop) })
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cur != nil {
		w.cur.release()
		w.cur = nil
	}
}

func shareConn(ctx context.Context, db *sql.DB, name string) (*held, error) {
	return tryHoldConn(ctx, db, name, `SELECT pg_try_advisory_lock_shared($1)`, `SELECT pg_advisory_unlock_shared($1)`)
}
