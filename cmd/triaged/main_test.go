package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestHelpDocumentsEverySetting(t *testing.T) {
	var out bytes.Buffer
	run([]string{"--help"}, &out)
	for _, st := range defineSettings().list {
		if !strings.Contains(out.String(), st.env) || !strings.Contains(out.String(), "--"+st.flag) {
			t.Errorf("--help does not mention %s / --%s", st.env, st.flag)
		}
	}
}

func TestMissingRequiredSettingIsNamed(t *testing.T) {
	t.Setenv("TRIAGED_DATA", t.TempDir())
	t.Setenv("TRIAGED_PROVIDER", "cloudapi")
	t.Setenv("TRIAGED_WHATSAPP_APP_SECRET", "s")
	t.Setenv("TRIAGED_WHATSAPP_VERIFY_TOKEN", "v")
	t.Setenv("TRIAGED_WHATSAPP_TOKEN", "")
	err := run(nil, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "TRIAGED_WHATSAPP_TOKEN") {
		t.Fatalf("err = %v, want it to name TRIAGED_WHATSAPP_TOKEN", err)
	}
	t.Setenv("TRIAGED_PROVIDER", "twilio")
	if err := run(nil, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "not yet supported") {
		t.Fatalf("twilio: %v", err)
	}
}

func TestPlainHTTPOnPublicAddressRefused(t *testing.T) {
	t.Setenv("TRIAGED_DATA", t.TempDir())
	t.Setenv("TRIAGED_ADDR", "0.0.0.0:0")
	t.Setenv("TRIAGED_PROVIDER", "cloudapi")
	t.Setenv("TRIAGED_WHATSAPP_APP_SECRET", "s")
	t.Setenv("TRIAGED_WHATSAPP_VERIFY_TOKEN", "v")
	t.Setenv("TRIAGED_WHATSAPP_TOKEN", "t")
	t.Setenv("TRIAGED_WHATSAPP_PHONE_NUMBER_ID", "1")
	err := run(nil, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "TLS") {
		t.Fatalf("err = %v, want a refusal naming TLS", err)
	}
}
