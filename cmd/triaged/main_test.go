package main

import (
	"bytes"
	"os"
	"path/filepath"
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
	// Twilio needs its own credentials and the exact public URL its
	// signatures are computed over; each missing one is named.
	t.Setenv("TRIAGED_PROVIDER", "twilio")
	for _, name := range []string{"TRIAGED_TWILIO_ACCOUNT_SID", "TRIAGED_TWILIO_AUTH_TOKEN", "TRIAGED_TWILIO_FROM", "TRIAGED_PUBLIC_URL"} {
		t.Setenv(name, "")
	}
	for _, name := range []string{"TRIAGED_TWILIO_ACCOUNT_SID", "TRIAGED_TWILIO_AUTH_TOKEN", "TRIAGED_TWILIO_FROM", "TRIAGED_PUBLIC_URL"} {
		err := run(nil, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Fatalf("twilio without %s: err = %v, want it named", name, err)
		}
		t.Setenv(name, map[string]string{"TRIAGED_TWILIO_ACCOUNT_SID": "AC0123", "TRIAGED_TWILIO_AUTH_TOKEN": "tok",
			"TRIAGED_TWILIO_FROM": "whatsapp:+14155238886", "TRIAGED_PUBLIC_URL": "not a url"}[name])
	}
	if err := run(nil, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "TRIAGED_PUBLIC_URL") {
		t.Fatalf("twilio with an unusable public URL: err = %v, want TRIAGED_PUBLIC_URL named", err)
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

func TestClinicProfileErrorsAreNamed(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TRIAGED_DATA", dir)
	t.Setenv("TRIAGED_PROVIDER", "cloudapi")
	t.Setenv("TRIAGED_WHATSAPP_APP_SECRET", "s")
	t.Setenv("TRIAGED_WHATSAPP_VERIFY_TOKEN", "v")
	t.Setenv("TRIAGED_WHATSAPP_TOKEN", "t")
	t.Setenv("TRIAGED_WHATSAPP_PHONE_NUMBER_ID", "1")
	bad := filepath.Join(dir, "clinic.json")
	for _, c := range []struct{ name, body, want string }{
		{"missing file", "", "no such file"},
		{"unknown field", `{"phone":["+1 217 555 0100"]}`, "unknown field"},
		{"short phone", `{"phones":["555"]}`, "phones[0]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "absent.json")
			if c.body != "" {
				path = bad
				if err := os.WriteFile(bad, []byte(c.body), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("TRIAGED_CLINIC_PROFILE", path)
			err := run(nil, &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), "TRIAGED_CLINIC_PROFILE") || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want TRIAGED_CLINIC_PROFILE and %q named", err, c.want)
			}
		})
	}
}
