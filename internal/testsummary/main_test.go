package main

import (
	"strings"
	"testing"
)

func TestSummarise(t *testing.T) {
	in := strings.Join([]string{
		`{"Action":"start","Package":"a"}`,
		`{"Action":"run","Package":"a","Test":"TestOK"}`,
		`{"Action":"output","Package":"a","Test":"TestOK","Output":"=== RUN   TestOK\n"}`,
		`{"Action":"pass","Package":"a","Test":"TestOK"}`,
		`{"Action":"run","Package":"a","Test":"TestBad"}`,
		`{"Action":"output","Package":"a","Test":"TestBad","Output":"    a_test.go:9: wrong answer\n"}`,
		`{"Action":"fail","Package":"a","Test":"TestBad"}`,
		`{"Action":"output","Package":"a","Test":"TestNeedsServer","Output":"    a_test.go:20: no GoToSocial: set CRIEUR_SERVICES\n"}`,
		`{"Action":"output","Package":"a","Test":"TestNeedsServer","Output":"--- SKIP: TestNeedsServer (0.00s)\n"}`,
		`{"Action":"skip","Package":"a","Test":"TestNeedsServer"}`,
		`{"Action":"output","Package":"a","Output":"FAIL\ta\t0.1s\n"}`,
		`{"Action":"fail","Package":"a"}`,
		`{"Action":"output","Package":"b","Output":"ok  \tb\t0.2s\n"}`,
		`{"Action":"pass","Package":"b"}`,
	}, "\n") + "\n"
	var out strings.Builder
	if code := summarise(strings.NewReader(in), &out); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	got := out.String()
	for _, want := range []string{"a_test.go:9: wrong answer\n", "FAIL\ta\t0.1s\n", "ok  \tb\t0.2s\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "=== RUN   TestOK") {
		t.Errorf("a passing test's output is printed:\n%s", got)
	}
	if !strings.HasSuffix(got, "\nskipped: a TestNeedsServer a_test.go:20: no GoToSocial: set CRIEUR_SERVICES\n1 passed, 1 failed, 1 skipped\n") {
		t.Errorf("closing line:\n%s", got)
	}

	// A package that does not build is a failure even with no test.
	out.Reset()
	broken := "# c\nc/c.go:3:1: syntax error\n" + `{"Action":"output","Package":"c","Output":"FAIL\tc [build failed]\n"}` + "\n" + `{"Action":"fail","Package":"c"}` + "\n"
	if code := summarise(strings.NewReader(broken), &out); code != 1 || !strings.HasSuffix(out.String(), "0 passed, 1 failed, 0 skipped\n") || !strings.Contains(out.String(), "syntax error") {
		t.Errorf("exit %d:\n%s", code, out.String())
	}

	out.Reset()
	clean := `{"Action":"pass","Package":"d","Test":"TestX"}` + "\n" + `{"Action":"pass","Package":"d"}` + "\n"
	if code := summarise(strings.NewReader(clean), &out); code != 0 || out.String() != "1 passed, 0 failed, 0 skipped\n" {
		t.Errorf("exit %d: %q", code, out.String())
	}
}
