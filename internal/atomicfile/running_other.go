//go:build !unix

package atomicfile

func running(int) (alive, known bool) { return false, false }
