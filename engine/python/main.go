// Command essd-python-gen generates a Python SDK from a Pulumi package schema with
// github.com/pulumi/pulumi/pkg/v3/codegen/python, as the Python language host's GeneratePackage
// does in Pulumi v3.248.0. The stand-in Python host (engine/pythonHost.ts) runs it for the
// engine's GeneratePackage call.
//
// It reads one JSON request on stdin:
//
//	{"schema": "<schema JSON>", "directory": "<output folder>", "loaderTarget": "<address>",
//	 "extraFiles": {"<path>": "<base64>"}}
//
// and writes the files, then prints the binding diagnostics as a JSON list on stdout
// ([{"severity": 1, "summary": "...", "detail": "..."}], severity 1 an error, 2 a warning).
// Referenced packages are loaded from the engine's schema loader at loaderTarget.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

type request struct {
	Schema       string            `json:"schema"`
	Directory    string            `json:"directory"`
	LoaderTarget string            `json:"loaderTarget"`
	ExtraFiles   map[string][]byte `json:"extraFiles"`
}

type diagnostic struct {
	Severity int    `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "essd-python-gen: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		return fmt.Errorf("reading the request on stdin: %w", err)
	}
	if req.Directory == "" {
		return fmt.Errorf("the request names no output directory")
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return fmt.Errorf("the schema is not valid JSON: %w", err)
	}
	if req.LoaderTarget == "" {
		return fmt.Errorf("the request names no loaderTarget (the engine's schema loader)")
	}
	client, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return fmt.Errorf("connecting to the engine's schema loader at %s: %w", req.LoaderTarget, err)
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return fmt.Errorf("binding the schema: %w", err)
	}
	out := []diagnostic{}
	for _, d := range diags {
		out = append(out, diagnostic{Severity: int(d.Severity), Summary: d.Summary, Detail: d.Detail})
	}
	if !diags.HasErrors() {
		files, err := codegen.GeneratePackage("pulumi-language-python", pkg, req.ExtraFiles, loader)
		if err != nil {
			return fmt.Errorf("generating the Python SDK: %w", err)
		}
		for name, data := range files {
			path := filepath.Join(req.Directory, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				return fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
			}
			if err := os.WriteFile(path, data, 0o600); err != nil {
				return fmt.Errorf("writing %s: %w", path, err)
			}
		}
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}
