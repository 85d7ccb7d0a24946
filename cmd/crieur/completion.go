package main

import (
	"embed"
	"flag"
	"strconv"
	"text/template"
)

//go:embed completion/*
var completionScripts embed.FS

// completionOptions prints a shell's completion script, made from the
// commands' table and their flags (zsh runs the bash one).
type completionOptions struct{ noFlags }

func (completionOptions) run(e *env, args []string) error {
	scripts := map[string][]string{"bash": {"bash"}, "zsh": {"zsh", "bash"}, "fish": {"fish"}}
	if len(args) != 1 || scripts[args[0]] == nil {
		return usagef("usage.shell", nil)
	}
	type cmd struct {
		Name, Summary string
		Flags         []*flag.Flag
	}
	var cmds []cmd
	for _, c := range commands() {
		_, fs := e.flagSet(c)
		k := cmd{Name: c.name, Summary: e.say("command."+c.name, nil)}
		fs.VisitAll(func(f *flag.Flag) { k.Flags = append(k.Flags, f) })
		cmds = append(cmds, k)
	}
	t := template.Must(template.New("").Funcs(template.FuncMap{"quote": strconv.Quote}).ParseFS(completionScripts, "completion/*"))
	for _, n := range scripts[args[0]] {
		if err := t.ExecuteTemplate(e.stdout, n, cmds); err != nil {
			return err
		}
	}
	return nil
}
