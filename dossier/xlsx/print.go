package xlsx

import "github.com/xuri/excelize/v2"

// printLayout makes a sheet print landscape, one page wide, so a partner
// who prints or exports it to PDF gets whole rows rather than columns
// scattered over separate pages.
func (w *workbook) printLayout(sheet string) error {
	landscape, one, any := "landscape", 1, 0
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &any}); err != nil {
		return err
	}
	fit := true
	return w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}
