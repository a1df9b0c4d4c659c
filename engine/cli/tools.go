//go:build tools

// Package engine pins the Pulumi CLI, built by scripts/build-engine, for the engine tests.
package engine

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
