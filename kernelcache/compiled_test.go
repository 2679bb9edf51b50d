package kernelcache

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

func TestCompiledPayloadRoundTrip(t *testing.T) {
	r := &Compiled{
		Code: []byte("\x7fELF and more"), Binary: true, Log: "warning: something",
		Names: map[string]string{"&f<float>": "_Z1fIfEvv", "&g": "_Z1gv"},
	}
	b := r.marshal()
	got, err := unmarshalCompiled(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Code, r.Code) || got.Binary != r.Binary || got.Log != r.Log || fmt.Sprint(got.Names) != fmt.Sprint(r.Names) {
		t.Errorf("round trip gave %+v, want %+v", got, r)
	}
	codeStart := len(b) - len(r.Code)
	for n := range codeStart + 1 { // every cut before the code starts is malformed
		if _, err := unmarshalCompiled(b[:n]); err == nil {
			t.Errorf("payload cut to %d bytes decoded without error", n)
		}
	}
}

func TestGetCompiled(t *testing.T) {
	c := New(t.TempDir(), nil)
	key := Input{Compiler: "test 1.0", Source: "src"}.Key()
	compiles := 0
	compile := func() (*Compiled, error) {
		compiles++
		return &Compiled{Code: []byte("code"), Log: "log"}, nil
	}
	for range 2 {
		r, err := c.GetCompiled(key, compile)
		if err != nil || string(r.Code) != "code" || r.Log != "log" {
			t.Fatalf("GetCompiled = %+v, %v", r, err)
		}
	}
	if compiles != 1 {
		t.Errorf("compiled %d times", compiles)
	}
	fresh := New(c.Dir(), nil)
	if r, err := fresh.GetCompiled(key, compile); err != nil || string(r.Code) != "code" || compiles != 1 {
		t.Errorf("from disk: %+v, %v after %d compiles", r, err, compiles)
	}
	boom := errors.New("boom")
	if _, err := c.GetCompiled(Input{Source: "other"}.Key(), func() (*Compiled, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("a failed compile gave %v", err)
	}
}
