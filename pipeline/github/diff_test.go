package github

import (
	"reflect"
	"testing"
)

func TestRightLines(t *testing.T) {
	tests := []struct {
		name    string
		patch   string
		want    map[int]int // line of the new file -> hunk
		wantErr bool
	}{
		{
			name:  "a removed file has no patch",
			patch: "",
			want:  map[int]int{},
		},
		{
			name:  "a new file: every line added",
			patch: "@@ -0,0 +1,3 @@\n+---\n+title: Hello\n+---",
			want:  map[int]int{1: 0, 2: 0, 3: 0},
		},
		{
			name:  "context lines count, removed lines do not",
			patch: "@@ -10,4 +10,4 @@ date: 2024-05-02\n first\n-second\n+second, fixed\n third\n fourth",
			want:  map[int]int{10: 0, 11: 0, 12: 0, 13: 0},
		},
		{
			name:  "removed lines only",
			patch: "@@ -3,3 +3,1 @@\n keep\n-gone\n-gone too",
			want:  map[int]int{3: 0},
		},
		{
			name: "two hunks",
			patch: "@@ -1,3 +1,4 @@\n a\n+b\n c\n d\n" +
				"@@ -20,2 +21,3 @@ section\n x\n+y\n z",
			want: map[int]int{1: 0, 2: 0, 3: 0, 4: 0, 21: 1, 22: 1, 23: 1},
		},
		{
			name:  "counts left out mean one line",
			patch: "@@ -5 +5 @@\n-old\n+new",
			want:  map[int]int{5: 0},
		},
		{
			name:  "no newline at end of file",
			patch: "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n\\ No newline at end of file",
			want:  map[int]int{1: 0, 2: 0},
		},
		{
			name:  "a blank context line that lost its space, and a final newline",
			patch: "@@ -1,3 +1,3 @@\n a\n\n-c\n+C\n",
			want:  map[int]int{1: 0, 2: 0, 3: 0},
		},
		{
			name:  "CRLF",
			patch: "@@ -1,1 +1,2 @@\r\n a\r\n+b\r\n",
			want:  map[int]int{1: 0, 2: 0},
		},
		{name: "a line before any hunk", patch: "diff --git a/x b/x\n@@ -1 +1 @@\n+a", wantErr: true},
		{name: "a bad hunk header", patch: "@@ -1,x +1 @@\n+a", wantErr: true},
		{name: "not a diff line", patch: "@@ -1 +1 @@\n*a", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rightLines(tc.patch)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("no error, got %v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestInOneHunk(t *testing.T) {
	lines := map[int]int{1: 0, 2: 0, 3: 0, 10: 1, 11: 1}
	for _, tc := range []struct {
		first, last int
		want        bool
	}{
		{1, 1, true}, {1, 3, true}, {10, 11, true},
		{3, 10, false}, // across hunks
		{4, 4, false},  // off the diff
		{2, 4, false},  // runs off the hunk
	} {
		if got := inOneHunk(lines, tc.first, tc.last); got != tc.want {
			t.Errorf("inOneHunk(%d, %d) = %v, want %v", tc.first, tc.last, got, tc.want)
		}
	}
}
