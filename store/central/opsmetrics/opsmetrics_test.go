package opsmetrics

import "testing"

func TestMetricsAddrRefusesRemote(t *testing.T) {
	for _, c := range []struct {
		addr  string
		allow bool
		ok    bool
	}{
		{"127.0.0.1:9464", false, true},
		{"[::1]:9464", false, true},
		{"localhost:9464", false, true},
		{"0.0.0.0:9464", false, false},
		{":9464", false, false},
		{"10.1.2.3:9464", false, false},
		{"10.1.2.3:9464", true, true},
		{"nonsense", true, false},
	} {
		if got := CheckAddr(c.addr, c.allow); (got == nil) != c.ok {
			t.Errorf("%q allow=%v: %v", c.addr, c.allow, got)
		}
	}
}
