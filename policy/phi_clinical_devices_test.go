package policy

import (
	"strings"
	"testing"
)

func TestBreathingDevicesOwned(t *testing.T) {
	var msgs [][2]string
	for _, d := range []string{"my nebulizer", "his inhaler", "her inhalers", "mi inhalador", "su nebulizador"} {
		for _, f := range []string{"%s is broken", "can you refill %s please", "hola, %s ya no sirve"} {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", d, 1), d})
		}
	}
	checkWhole(t, msgs)
}

func TestBreathingDevicesLookalikes(t *testing.T) {
	for _, text := range []string{"do you sell nebulizer masks?", "where can I buy an inhaler case", "the inhaler counter in the pharmacy"} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}

// An owned treatment device is the patient's condition even when its
// serial follows; a device name that only labels a serial is left.
func TestOwnedDeviceBeforeItsSerial(t *testing.T) {
	devices := []string{"insulin pump", "pacemaker", "CGM transmitter", "hearing aid"}
	for _, dev := range devices {
		owned := "my " + dev + " serial is PM-44172, it keeps alarming at night"
		d := Detect(owned)
		at := strings.Index(owned, dev)
		covered := false
		for _, s := range d.Spans {
			if s.Type.IsClinical() && s.Start <= at && at+len(dev) <= s.End {
				covered = true
			}
		}
		if !covered || !strings.Contains(d.Masked, "[DEVICE]") {
			t.Errorf("%q: want the owned device masked as clinical and the serial as a device: %s", owned, d.Masked)
		}
		label := strings.ToUpper(dev[:1]) + dev[1:] + " serial: PM-44172"
		if d := Detect(label); !strings.HasPrefix(d.Masked, label[:len(dev)]) || !strings.Contains(d.Masked, "[DEVICE]") {
			t.Errorf("%q: want only the serial masked: %s", label, d.Masked)
		}
	}
}
