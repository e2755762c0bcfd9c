package pdf

import (
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"github.com/dpa-tool/dpa/internal/fonts"
)

//go:generate env UPDATE_GOLDEN=1 go test -run ^TestFaceData$ .

// presetFaces gives fpdf, once per process, what it would derive from each
// embedded face (facedata.go, generated and checked by TestFaceData):
// parsing the four faces and hashing their widths into font IDs took some
// 13 ms and 3 MB of fresh memory in every dpa process.
var presetFaces = sync.OnceFunc(func() {
	for _, face := range fonts.Faces() {
		for _, d := range faceData {
			if d.Style == face.Style {
				fpdf.PresetUTF8Face(family, face.Style, face.TTF, d.Data)
			}
		}
	}
})
