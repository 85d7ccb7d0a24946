package publish

import (
	"strings"
	"sync"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// InjectFaults sets up the faults spec names (CRIEUR_FAULT), for the
// exactly-once tests, which run crieur as a runner would live it:
// kill-after-send dies like a killed runner right after the network
// accepted the first delivery; interrupt-after-send cancels the run there
// as Actions does (SIGINT) and waits until cancelled is closed; lease-over
// runs a day later by the wall clock, when every claim a dead run left
// has lapsed; clock+D (clock+45m) runs D later. Faults combine with
// commas; an empty spec changes nothing.
func (p *Publisher) InjectFaults(spec string, cancelled <-chan struct{}) {
	for _, fault := range strings.Split(spec, ",") {
		p.injectFault(fault, cancelled)
	}
}

func (p *Publisher) injectFault(fault string, cancelled <-chan struct{}) {
	if after, ok := strings.CutPrefix(fault, "clock+"); ok {
		if d, err := time.ParseDuration(after); err == nil {
			p.Clock = func() time.Time { return time.Now().Add(d) }
		}
		return
	}
	switch fault {
	case "lease-over":
		p.Clock = func() time.Time { return time.Now().Add(24 * time.Hour) }
	case "kill-after-send":
		p.AfterSend = func(pipeline.Delivery) { killSelf() }
	case "interrupt-after-send":
		var once sync.Once
		p.AfterSend = func(pipeline.Delivery) {
			once.Do(func() {
				interruptSelf()
				select {
				case <-cancelled:
				case <-time.After(5 * time.Second):
				}
			})
		}
	}
}
