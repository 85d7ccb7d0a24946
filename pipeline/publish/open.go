package publish

import "github.com/crieur/crieur/pipeline"

// OpenChannels opens the channels of crieur.yml, in its order, with open
// (the wiring's registry), and keeps the secrets each one read so that
// errors never show them. A channel that cannot be opened is not fatal:
// its deliveries fail and are recorded with the reason, the others go
// on. It returns the errors of the channels that could not be opened.
func (p *Publisher) OpenChannels(open func(pipeline.ChannelConfig) (pipeline.Channel, []string, error)) []error {
	if p.Channels == nil {
		p.Channels = map[string]pipeline.Channel{}
	}
	if p.Unavailable == nil {
		p.Unavailable = map[string]error{}
	}
	var errs []error
	for _, name := range p.Repo.Config.ChannelOrder {
		ch, secrets, err := open(p.Repo.Config.Channels[name])
		p.Secrets = append(p.Secrets, secrets...)
		if err != nil {
			p.Unavailable[name] = err
			errs = append(errs, err)
			continue
		}
		p.Channels[name] = ch
	}
	return errs
}
