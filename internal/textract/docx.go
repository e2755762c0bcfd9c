package textract

func docxText(data []byte) (string, error) { return "", ErrNoText }
