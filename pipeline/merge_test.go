package pipeline

import "testing"

func TestAppendOnlyMerge(t *testing.T) {
	tests := []struct {
		name               string
		base, ours, theirs string
		want               string
		wantErr            bool
		nilBase, nilTheirs bool
	}{
		{name: "both appended", base: "a\n", ours: "a\nb\n", theirs: "a\nc\n", want: "a\nc\nb\n"},
		{name: "ours only", base: "a\n", ours: "a\nb\nd\n", theirs: "a\n", want: "a\nb\nd\n"},
		{name: "ours nothing", base: "a\n", ours: "a\n", theirs: "a\nc\n", want: "a\nc\n"},
		{name: "new file on both sides", nilBase: true, ours: "b\n", theirs: "c\n", want: "c\nb\n"},
		{name: "new file on our side", nilBase: true, nilTheirs: true, ours: "b\n", want: "b\n"},
		{name: "theirs without final newline", base: "a\n", ours: "a\nb\n", theirs: "a\nc", want: "a\nc\nb\n"},
		{name: "base without final newline", base: "a", ours: "a\nb\n", theirs: "a\nc\n", want: "a\nc\nb\n"},
		{name: "theirs rewrote the base: kept whole", base: "a\n", ours: "a\nb\n", theirs: "x\n", want: "x\nb\n"},
		{name: "ours changed a line", base: "a\n", ours: "A\nb\n", theirs: "a\n", wantErr: true},
		{name: "ours extended the last line", base: "a", ours: "ab\n", theirs: "a", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, theirs := []byte(tt.base), []byte(tt.theirs)
			if tt.nilBase {
				base = nil
			}
			if tt.nilTheirs {
				theirs = nil
			}
			got, err := AppendOnlyMerge(base, []byte(tt.ours), theirs)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if !tt.wantErr && string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
