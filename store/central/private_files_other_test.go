//go:build !unix

package central

func withUmask(_ int, fn func()) { fn() }
