package assets

// TemplatesFile is the shipped WhatsApp template library, used when the
// server's data folder has no config/templates.json of its own.
const TemplatesFile = "data/templates.json"

// DefaultTemplates returns the shipped template library file.
func DefaultTemplates() ([]byte, error) { return files.ReadFile(TemplatesFile) }
