package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/siem"
)

// siemConfig reads the audit stream settings; central checks them when
// it builds the sinks.
func siemConfig(s *settings) central.SIEMConfig {
	return central.SIEMConfig{
		Syslog: siem.SyslogConfig{
			Addr:       s.get("siem-syslog-addr"),
			CAFile:     s.get("siem-syslog-ca"),
			ServerName: s.get("siem-syslog-server-name"),
		},
		JSONLPath: s.get("siem-jsonl-path"),
	}
}

// reopenOnHangup turns SIGHUP (sent by logrotate after it moved the JSON
// lines file) into a request to reopen it. Handling the signal also keeps
// its default action, ending the process, from stopping the endpoint.
func reopenOnHangup(ctx context.Context) <-chan struct{} {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	out := make(chan struct{}, 1)
	go func() {
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				select {
				case out <- struct{}{}:
				default:
				}
			}
		}
	}()
	return out
}
