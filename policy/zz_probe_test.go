package policy

import (
	"bufio"
	"os"
	"testing"
)

func TestZZProbe(t *testing.T) {
	f, err := os.Open("/tmp/phi2probe/in.txt")
	if err != nil {
		t.Skip()
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		d := Detect(sc.Text())
		t.Logf("%-60s => %s", sc.Text(), d.Masked)
	}
}
