package policy

import "testing"

// Chat words for being pregnant are a pregnancy, inbound and outbound.
func TestPregnancySlang(t *testing.T) {
	var msgs [][2]string
	for _, w := range []string{"preggo", "preggers", "preggy"} {
		for _, f := range []string{"im %s again", "my wife is %s!!", "she's %s with #3", "omg I'm %s what do I do", "not sure if im %s"} {
			text := frame(f, w)
			msgs = append(msgs, [2]string{text, w})
			if ok, _ := outboundAllowed(frame("congrats, you're %s!", w)); ok {
				t.Errorf("%q allowed", frame("congrats, you're %s!", w))
			}
		}
	}
	checkWhole(t, msgs)
}
