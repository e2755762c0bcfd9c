//go:build !unix

package regfile

const nonblock = 0

func isLoop(error) bool { return false }
