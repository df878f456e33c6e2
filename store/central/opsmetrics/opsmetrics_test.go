package opsmetrics

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

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

func TestSignInReasonsAndLockouts(t *testing.T) {
	m := New(Sources{})
	m.SignInRefused("bad_password")
	m.SignInRefused("bad_password,locked_now")
	m.SignInRefused("unknown_user,source_locked_now")
	m.SignInRefused("+15555550101 typed as a username") // never a label
	for _, c := range []struct {
		got  float64
		want float64
		what string
	}{
		{testutil.ToFloat64(m.signInFailures.WithLabelValues("bad_password")), 2, "bad_password"},
		{testutil.ToFloat64(m.signInFailures.WithLabelValues("unknown_user")), 1, "unknown_user"},
		{testutil.ToFloat64(m.signInFailures.WithLabelValues("other")), 1, "other"},
		{testutil.ToFloat64(m.lockouts.WithLabelValues("account")), 1, "account lockouts"},
		{testutil.ToFloat64(m.lockouts.WithLabelValues("source")), 1, "source lockouts"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	if n := testutil.CollectAndCount(m.signInFailures); n != 3 {
		t.Errorf("%d reason series, want 3", n)
	}
}

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics
	m.SignInRefused("bad_password")
	m.SendResult("cloudapi", SendSent)
	m.DuplicatesDropped("/webhooks/whatsapp", 2)
	m.WriteGateWait(0)
	if h := m.Instrument(nil); h != nil {
		t.Error("a nil Metrics wrapped a handler")
	}
}
