package opsmetrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// siemCollector reports how far the audit stream to the SIEM is behind
// the log: a SIEM that is down shows here as a growing lag, while intake
// goes on.
type siemCollector struct {
	lag  func(ctx context.Context) (map[string]int64, error)
	desc *prometheus.Desc
}

func newSIEMCollector(lag func(ctx context.Context) (map[string]int64, error)) *siemCollector {
	return &siemCollector{lag: lag, desc: prometheus.NewDesc("triaged_siem_lag_entries",
		"Audit entries committed but not yet delivered to the SIEM sink (syslog or jsonl); absent when no stream is configured.", []string{"sink"}, nil)}
}

func (c *siemCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *siemCollector) Collect(ch chan<- prometheus.Metric) {
	if c.lag == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	lag, err := c.lag(ctx)
	if err != nil {
		return
	}
	for kind, n := range lag {
		switch kind {
		case "syslog", "jsonl":
		default:
			continue // labels come from a fixed list
		}
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), kind)
	}
}
