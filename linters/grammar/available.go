package grammar

import "os/exec"

// Available says whether Grammalecte can run here: nil when its command
// (grammalecte-cli unless given) is found in PATH (crieur doctor).
func Available(command string) error {
	if command == "" {
		command = "grammalecte-cli"
	}
	_, err := exec.LookPath(command)
	return err
}
