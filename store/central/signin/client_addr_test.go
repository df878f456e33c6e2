package signin

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientAddrTrustsOnlyConfiguredProxies(t *testing.T) {
	proxies, err := ParseTrustedProxies("10.0.0.0/8, 192.168.1.7")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseTrustedProxies("10.0.0.0/8,not-an-address"); err == nil {
		t.Error("a malformed proxy entry was accepted")
	}
	for _, tc := range []struct {
		name, peer, xff string
		trusted         bool
		want            string
	}{
		{"no proxies: the header is ignored", "203.0.113.9:5000", "198.51.100.1", false, "203.0.113.9"},
		{"untrusted peer: the header is ignored", "203.0.113.9:5000", "198.51.100.1", true, "203.0.113.9"},
		{"trusted proxy: the client it names", "10.1.2.3:5000", "198.51.100.1", true, "198.51.100.1"},
		{"a spoofed left entry is skipped", "10.1.2.3:5000", "1.1.1.1, 198.51.100.1", true, "198.51.100.1"},
		{"chained trusted proxies", "10.1.2.3:5000", "198.51.100.1, 192.168.1.7", true, "198.51.100.1"},
		{"a malformed hop keeps the proxy's word so far", "10.1.2.3:5000", "198.51.100.1, junk", true, "10.1.2.3"},
		{"IPv6 keyed by its /64", "[2001:db8:1:2:3:4:5:6]:443", "", false, "2001:db8:1:2::/64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var trusted []netip.Prefix
			if tc.trusted {
				trusted = proxies
			}
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.peer
			if tc.xff != "" {
				r.Header.Set("X-Forwarded-For", tc.xff)
			}
			if got := ClientAddr(r, trusted); got != tc.want {
				t.Errorf("ClientAddr = %q, want %q", got, tc.want)
			}
		})
	}
}
