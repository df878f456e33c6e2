package policy

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	for _, s := range strings.Split(os.Getenv("ZZ"), "|") {
		o := ScreenOutbound(s, guardClinic)
		fmt.Printf("%q refused=%v disc=%q\n", s, o.Refused(), o.Disclosure)
		for _, sp := range o.Detection.Spans {
			fmt.Printf("   %s %q\n", sp.Type, s[sp.Start:sp.End])
		}
	}
}
