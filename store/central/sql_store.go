package central

import "context"

// Write runs fn's single writing statement on the database directly, in
// its turn with the other writers of this process: for a lone write that
// needs no transaction around it (see Exec).
func (s *Store) Write(ctx context.Context, fn func(q Querier) error) error {
	if err := s.gate.Enter(ctx); err != nil {
		return err
	}
	defer s.gate.Leave()
	return fn(s.DB)
}
